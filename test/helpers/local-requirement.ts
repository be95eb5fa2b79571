/** Test helper: the text of a local requirement file (a partnership's own), in the requirement schema's shape. */
export function localRequirement(id: string, phrase: string): string {
  return [
    `id: ${id}`,
    'title: Names the partnership escalation panel',
    'requirement: The policy says that unresolved professional disagreements go to the escalation panel.',
    'reference:',
    '  instrument: Westshire partnership procedures',
    '  edition: "2025"',
    '  chapter: "7"',
    '  section: Resolving disagreements',
    '  url: https://procedures.westshire.example/escalation',
    'strength: must',
    'applies_to: [all]',
    'change: unchanged',
    'evidence:',
    '  topic:',
    `    - mentions: [${phrase}]`,
    'remediation: Say that unresolved disagreements go to the escalation panel.',
    'model_wording: Unresolved disagreements between agencies go to the escalation panel.',
    'examples:',
    `  met: ["We refer it to the ${phrase}."]`,
    '  gap: ["We talk it through."]',
    '',
  ].join('\n');
}
