#!/usr/bin/env node
// The bin stays plain JavaScript so npm can link it; the CLI itself is TypeScript run by Node 24.
import '../src/main.ts';
