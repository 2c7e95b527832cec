#!/usr/bin/env node
// The `gongkai` command (package bin). Loads TypeScript through tsx, then runs the CLI.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/index.ts');
