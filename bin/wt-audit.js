#!/usr/bin/env node
// Entry point: the CLI itself is compiled TypeScript in dist/ (built by `npm install` via prepare).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
