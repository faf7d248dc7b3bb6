#!/usr/bin/env -S node --max-semi-space-size=2
'use strict';
// The flag is the server's (server/src/execArgv.ts): it caps V8's young generation, about 30 MB less
// resident memory with many files open. `node bin/eci-language-server.js` without it works the same.
require('../out/server/main.js');
