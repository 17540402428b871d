/**
 * The loopback backend must do what the real SDK does: the same checks run against both, and
 * each expects the same outcome and the same TRTC codes. (test/backends/trtc-sdk.test.ts keeps
 * what only the real SDK can show: its version, and how an offline join fails.)
 */
import { loadBackend } from '../../../src/backends/loader.js';
import { describeBackendContract } from '../../helpers/backend-contract.js';

describeBackendContract('real trtc-js-sdk', () => loadBackend('trtc'), '/node_modules/trtc-js-sdk/trtc.esm.js');
describeBackendContract('loopback backend', () => loadBackend('loopback'), '/src/backends/loopback/index.ts');
