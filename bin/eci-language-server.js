#!/usr/bin/env -S node --max-semi-space-size=2 --v8-pool-size=1
'use strict';
// The flags are the server's (server/src/execArgv.ts): a capped young generation and one V8 background
// thread, about 50 MB less resident memory with many files open. `node bin/eci-language-server.js` without them works the same.
require('../out/server/main.js');
