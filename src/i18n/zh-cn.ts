import { MISSING_FILE, type Messages } from './messages.js';

/** Loaded on first use (see loadMessages()), so pages in English never download it. */
export const zhCN: Messages = {
  status: {
    joining: '正在进入房间…',
    reconnecting: '网络连接中断，正在重连…',
    leaving: '正在离开房间…',
    left: '你已离开房间。',
    failed: '无法进入房间。',
    coAnchorDenied: '你的连麦申请被拒绝了。',
  },
  errors: {
    'invalid-config': '房间设置无效。',
    'credentials-failed': '无法获取进入房间所需的凭证。',
    'unsupported-browser': '当前浏览器不支持直播互动，请使用新版 Chrome、Edge、Firefox 或 Safari。',
    'join-failed': '进入房间失败，请检查网络后重试。',
    'leave-failed': '退出房间时出错，你已离开房间。',
    'permission-denied': '摄像头或麦克风权限被拒绝，请在浏览器中允许访问后再连麦。',
    'device-not-found': '未找到摄像头或麦克风。',
    'device-busy': '摄像头或麦克风正被其他应用占用。',
    'switch-role-failed': '无法上麦，请重试。',
    'publish-failed': '推流失败，请重试。',
    'co-anchor-failed': '上麦或下麦失败，摄像头和麦克风已关闭，请重试。',
    'connection-lost': '与房间的连接已断开。',
    kicked: '你已被移出房间，可能是该用户 ID 在其他标签页或设备上进入了房间。',
    'chunk-load-failed': MISSING_FILE['zh-CN'].unnamed,
  },
  invalidField: {
    'sdk-app-id': 'SDKAppID 无效。',
    'room-id': '房间号无效。',
    'user-id': '用户 ID 无效。',
    'user-sig': '缺少用户签名（UserSig）。',
    'credentials-url': '凭证地址无效。',
    'user-role': '用户角色必须是 “audience” 或 “anchor”。',
    backend: '后端必须是 “trtc”、“trtc-v5” 或 “loopback”。',
  },
  remote: {
    waiting: '等待主播开播…',
    play: '点击播放',
    streamOf: (userId) => `${userId} 的直播画面`,
    cameraOff: (userId) => `${userId} 已关闭摄像头`,
  },
  local: {
    preview: '你的摄像头预览',
    you: '我',
  },
  button: {
    idle: '连麦',
    requesting: '申请中…',
    starting: '正在连麦…',
    live: '结束连麦',
    stopping: '正在结束…',
    noRoom: '未连接到直播间。',
    notJoined: '进入房间后即可连麦。',
    cannotPublish: '当前浏览器无法发送摄像头和麦克风画面。',
  },
  roomAction: {
    retry: MISSING_FILE['zh-CN'].retry,
    joinAgain: '重新进入',
  },
  hostButton: {
    idle: '开始直播',
    starting: '正在开播…',
    live: '结束直播',
    stopping: '正在结束直播…',
  },
  buttonUnavailable: {
    failed: '无法进入房间。',
    left: '你已离开房间。',
  },
  nobodyOnStage: '台上暂无其他人',
  serverSaid: (message) => `服务器返回：“${message}”`,
};
