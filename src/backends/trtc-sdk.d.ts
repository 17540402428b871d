// The SDK's package `main` is a UMD file; its ES module build has no typings of its own.
declare module 'trtc-js-sdk/trtc.esm.js' {
  import TRTC from 'trtc-js-sdk';
  export default TRTC;
}

// The same for v5: its package `main` is UMD; the ES module build shares the package's typings.
declare module 'trtc-sdk-v5/trtc.esm.js' {
  import TRTC from 'trtc-sdk-v5';
  export default TRTC;
}
