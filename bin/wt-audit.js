#!/usr/bin/env node
// Entry point: the CLI itself is compiled TypeScript in dist/ (built by `npm install` via prepare).
// The build also bundles it (dist/bundle/), which starts faster; that is used unless the compiled
// files are newer than it (rebuilt by tsc alone, without `npm run build`).
import { statSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code for the modules below in a cache in the temporary folder,
// so later starts skip compiling them; older Node has no such API and compiles as before.
module.enableCompileCache?.();

const mtime = (rel) => statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = mtime('../dist/bundle/wt-audit.js') >= mtime('../dist/cli/main.js');
const { main } = await import(bundled ? '../dist/bundle/wt-audit.js' : '../dist/cli/main.js');

process.exitCode = await main(process.argv);
