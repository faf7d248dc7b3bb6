#!/usr/bin/env node
'use strict';
require('../out/server/main.js');
