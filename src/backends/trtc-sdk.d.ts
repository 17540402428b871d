// The SDK's package `main` is a UMD file; its ES module build has no typings of its own.
declare module 'trtc-js-sdk/trtc.esm.js' {
  import TRTC from 'trtc-js-sdk';
  export default TRTC;
}
