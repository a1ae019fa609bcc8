#!/usr/bin/env node
import '../dist/cli/changed-apps.js';
