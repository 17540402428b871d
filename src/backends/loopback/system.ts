import type { TrtcSystemCheck } from '../types.js';

function codecSupported(direction: typeof RTCRtpSender | typeof RTCRtpReceiver, mimeType: string): boolean {
  const codecs = direction.getCapabilities?.('video')?.codecs ?? [];
  return codecs.some((codec) => codec.mimeType.toLowerCase() === mimeType);
}

/**
 * What the loopback needs from the browser: WebRTC for media, BroadcastChannel to meet, and
 * media devices to capture. Never throws: a browser lacking something is reported, not an error.
 */
export async function checkSystemRequirements(): Promise<TrtcSystemCheck> {
  const isWebRTCSupported = typeof window.RTCPeerConnection === 'function';
  const isBroadcastChannelSupported = typeof window.BroadcastChannel === 'function';
  const isMediaDevicesSupported = typeof navigator.mediaDevices?.getUserMedia === 'function';
  const codecs = { isH264EncodeSupported: false, isH264DecodeSupported: false, isVp8EncodeSupported: false, isVp8DecodeSupported: false };
  if (isWebRTCSupported) {
    try {
      codecs.isH264EncodeSupported = codecSupported(RTCRtpSender, 'video/h264');
      codecs.isH264DecodeSupported = codecSupported(RTCRtpReceiver, 'video/h264');
      codecs.isVp8EncodeSupported = codecSupported(RTCRtpSender, 'video/vp8');
      codecs.isVp8DecodeSupported = codecSupported(RTCRtpReceiver, 'video/vp8');
    } catch {
      // A browser with a partial WebRTC implementation: its codecs count as unsupported.
    }
  }
  const isBrowserSupported = isWebRTCSupported && isBroadcastChannelSupported;
  const canExchangeVideo =
    (codecs.isVp8EncodeSupported && codecs.isVp8DecodeSupported) ||
    (codecs.isH264EncodeSupported && codecs.isH264DecodeSupported);
  return {
    result: isBrowserSupported && isMediaDevicesSupported && canExchangeVideo,
    detail: { isBrowserSupported, isWebRTCSupported, isMediaDevicesSupported, isBroadcastChannelSupported, ...codecs },
  };
}
