#!/usr/bin/env node
import '../dist/cli/validate-workflows.js';
