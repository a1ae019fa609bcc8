#!/usr/bin/env node
import '../dist/cli/permissions-changed.js';
