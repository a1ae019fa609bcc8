#!/usr/bin/env node
import '../dist/cli/forge-bundle.js';
