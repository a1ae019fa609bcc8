#!/usr/bin/env node
import '../dist/cli/forge-lint-offline.js';
