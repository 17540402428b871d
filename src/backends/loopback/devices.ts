import { TrtcErrorCode } from '../error-codes.js';
import { LoopbackError } from './errors.js';

async function devicesOfKind(kind: MediaDeviceKind): Promise<MediaDeviceInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((device) => device.kind === kind);
}

export const getCameras = () => devicesOfKind('videoinput');
export const getMicrophones = () => devicesOfKind('audioinput');
export const getSpeakers = () => devicesOfKind('audiooutput');

export interface CaptureRequest {
  audio: boolean;
  video: boolean;
  cameraId?: string;
  microphoneId?: string;
}

/**
 * The constraints the SDK asks for by default (its "standard" audio and "480p" video profiles).
 * Device ids are `ideal`: a chosen device that went away falls back to another, as the SDK's retry does.
 */
function constraintsFor(request: CaptureRequest): MediaStreamConstraints {
  const audio: MediaTrackConstraints | false = request.audio && {
    echoCancellation: true,
    autoGainControl: true,
    noiseSuppression: true,
    sampleRate: 48000,
    channelCount: 1,
    ...(request.microphoneId ? { deviceId: { ideal: request.microphoneId } } : {}),
  };
  const video: MediaTrackConstraints | false = request.video && {
    width: { ideal: 640, max: 640 },
    height: { ideal: 480, max: 480 },
    frameRate: 15,
    ...(request.cameraId ? { deviceId: { ideal: request.cameraId } } : {}),
  };
  return { audio, video };
}

/**
 * Captures camera and/or microphone, failing like `LocalStream.initialize()` of the SDK (checked
 * against v4.15.22): INITIALIZE_FAILED carrying the browser error's name (`NotAllowedError` for a
 * denied permission, `NotFoundError`, `NotReadableError`, ...), except that a NotFoundError when
 * the page has no camera (or, with a camera, no microphone) at all is DEVICE_NOT_FOUND.
 */
export async function capture(request: CaptureRequest): Promise<MediaStream> {
  if (typeof navigator.mediaDevices?.getUserMedia !== 'function') {
    // Browsers offer capture to secure contexts only; the SDK says so for plain http pages.
    if (!window.isSecureContext) {
      throw new LoopbackError(
        TrtcErrorCode.INVALID_OPERATION,
        'http protocol does not support the ability to capture and publish streams, please use the https protocol.',
      );
    }
    throw new LoopbackError(TrtcErrorCode.NOT_SUPPORTED, 'this browser cannot capture camera or microphone.');
  }
  try {
    return await navigator.mediaDevices.getUserMedia(constraintsFor(request));
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    if (name === 'NotFoundError') {
      if (request.video && (await getCameras()).length === 0) {
        throw new LoopbackError(
          TrtcErrorCode.DEVICE_NOT_FOUND,
          'no camera detected, please check your camera and the configuration on TRTC.createStream.',
        );
      }
      if (request.audio && (await getMicrophones()).length === 0) {
        throw new LoopbackError(
          TrtcErrorCode.DEVICE_NOT_FOUND,
          'no microphone detected, please check your microphone and the configuration on TRTC.createStream.',
        );
      }
    }
    throw new LoopbackError(TrtcErrorCode.INITIALIZE_FAILED, message, name);
  }
}
