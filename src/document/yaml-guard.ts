/**
 * Depth limit for parsed YAML. The yaml library itself gives up (with a stack overflow it reports
 * as a document error) somewhere past a thousand levels; what it does parse is then converted,
 * validated and walked by recursive code, so we refuse deep nesting first, with a clear message.
 */
import { isMap, isPair, isSeq, type LineCounter } from 'yaml';
import { nodeStart } from '../util/yaml-locate.js';
import { InputError } from './model.js';

/** Mappings and lists nested deeper than this are refused (a policy needs a handful). */
export const MAX_YAML_NESTING = 100;

/**
 * @throws InputError at the first collection nested deeper than the limit
 * @param lineOffset added to reported lines (front matter starts on file line 2)
 */
export function checkYamlNesting(path: string, root: unknown, lines: LineCounter, lineOffset = 0): void {
  // an explicit stack: recursion here would overflow on exactly the input we are looking for
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { node, depth } = top;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_YAML_NESTING) {
      const at = nodeStart(node, lines) ?? { line: 1, column: 1 };
      throw new InputError(`nested too deeply: more than ${MAX_YAML_NESTING} levels of mappings or lists`, path, at.line + lineOffset, at.column);
    }
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 });
        stack.push({ node: item.value, depth: depth + 1 });
      } else stack.push({ node: item, depth: depth + 1 });
    }
  }
}
