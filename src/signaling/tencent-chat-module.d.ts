// The package's `main` is a UMD file; its ES module build has no typings of its own.
declare module '@tencentcloud/chat/index.es.js' {
  import TencentCloudChat from '@tencentcloud/chat';
  export default TencentCloudChat;
}
