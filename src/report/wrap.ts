/** Word-wrapping for fixed-width terminal output. */

export function wrap(text: string, width: number, indent: string, firstIndent = indent): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const w of words) {
    const room = width - line.length - (empty ? 0 : 1);
    if (!empty && w.length > room) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    line += (empty ? '' : ' ') + w;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}
