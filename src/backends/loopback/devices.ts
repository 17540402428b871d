import { TrtcErrorCode } from '../error-codes.js';
import { LoopbackError } from './errors.js';

export type CaptureKind = 'audio' | 'video';

const INPUT_KIND: Record<CaptureKind, MediaDeviceKind> = { audio: 'audioinput', video: 'videoinput' };

/**
 * Devices a test unplugged (`loopbackTesting.unplugDevice()`): the browser still has them, but
 * for the loopback they are gone, from its device lists and from capture alike.
 */
const unplugged = new Set<string>();
/** Every track this module captured, so unplugging a device can end the ones it feeds. */
const captured = new Set<MediaStreamTrack>();

/** The id of the device a captured track comes from (`''` if the browser does not say). */
export const deviceIdOf = (track: MediaStreamTrack): string => track.getSettings().deviceId ?? '';

async function devicesOfKind(kind: MediaDeviceKind): Promise<MediaDeviceInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((device) => device.kind === kind && !unplugged.has(device.deviceId));
}

export const getCameras = () => devicesOfKind('videoinput');
export const getMicrophones = () => devicesOfKind('audioinput');
export const getSpeakers = () => devicesOfKind('audiooutput');
export const inputsOf = (kind: CaptureKind) => devicesOfKind(INPUT_KIND[kind]);

/** Whether `deviceId` is one of the inputs of `kind` the page may use now. */
export async function isListed(kind: CaptureKind, deviceId: string): Promise<boolean> {
  return (await inputsOf(kind)).some((device) => device.deviceId === deviceId);
}

export interface CaptureRequest {
  audio: boolean;
  video: boolean;
  cameraId?: string;
  microphoneId?: string;
  /** Only the devices asked for will do (switchDevice()); otherwise an id is a preference. */
  exact?: boolean;
}

/**
 * The device constraint for one kind. A chosen device is opened exactly if it is listed (Chromium
 * ignores an `ideal` device id); one that is not (gone since it was chosen) falls back to the
 * default, as the SDK does. Before permission the lists carry no ids, so the choice is then only
 * `ideal`. While a test has unplugged devices the browser would still hand them out, so the
 * default is then named: the first device still listed.
 */
async function deviceConstraint(kind: CaptureKind, deviceId: string | undefined, exact: boolean) {
  if (deviceId && exact) return { deviceId: { exact: deviceId } };
  const listed = await inputsOf(kind);
  if (deviceId && listed.some((device) => device.deviceId === deviceId)) return { deviceId: { exact: deviceId } };
  if (deviceId && listed.every((device) => device.deviceId === '')) return { deviceId: { ideal: deviceId } };
  if (unplugged.size === 0) return {};
  // Nothing left of this kind: a device nobody has, so capture fails as with none plugged in.
  return { deviceId: { exact: listed[0]?.deviceId ?? `unplugged-${kind}` } };
}

/** The constraints the SDK asks for by default (its "standard" audio and "480p" video profiles). */
async function constraintsFor(request: CaptureRequest): Promise<MediaStreamConstraints> {
  const exact = request.exact ?? false;
  const audio: MediaTrackConstraints | false = request.audio && {
    echoCancellation: true,
    autoGainControl: true,
    noiseSuppression: true,
    sampleRate: 48000,
    channelCount: 1,
    ...(await deviceConstraint('audio', request.microphoneId, exact)),
  };
  const video: MediaTrackConstraints | false = request.video && {
    width: { ideal: 640, max: 640 },
    height: { ideal: 480, max: 480 },
    frameRate: 15,
    ...(await deviceConstraint('video', request.cameraId, exact)),
  };
  return { audio, video };
}

/** getUserMedia, as if unplugged devices were not there (one unplugged meanwhile fails as NotFoundError). */
async function userMedia(request: CaptureRequest): Promise<MediaStream> {
  const media = await navigator.mediaDevices.getUserMedia(await constraintsFor(request));
  const tracks = media.getTracks();
  if (tracks.some((track) => unplugged.has(deviceIdOf(track)))) {
    for (const track of tracks) track.stop();
    throw new DOMException('Requested device not found', 'NotFoundError');
  }
  for (const track of captured) if (track.readyState === 'ended') captured.delete(track);
  for (const track of tracks) captured.add(track);
  return media;
}

function checkCaptureSupported(): void {
  if (typeof navigator.mediaDevices?.getUserMedia === 'function') return;
  // Browsers offer capture to secure contexts only; the SDK says so for plain http pages.
  if (!window.isSecureContext) {
    throw new LoopbackError(
      TrtcErrorCode.INVALID_OPERATION,
      'http protocol does not support the ability to capture and publish streams, please use the https protocol.',
    );
  }
  throw new LoopbackError(TrtcErrorCode.NOT_SUPPORTED, 'this browser cannot capture camera or microphone.');
}

const browserError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * Captures camera and/or microphone, failing like `LocalStream.initialize()` of the SDK (checked
 * against v4.15.22): INITIALIZE_FAILED carrying the browser error's name (`NotAllowedError` for a
 * denied permission, `NotFoundError`, `NotReadableError`, ...), except that a NotFoundError when
 * the page has no camera (or, with a camera, no microphone) at all is DEVICE_NOT_FOUND.
 */
export async function capture(request: CaptureRequest): Promise<MediaStream> {
  checkCaptureSupported();
  try {
    return await userMedia(request);
  } catch (error) {
    const { name, message } = browserError(error);
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

const deviceName = (kind: CaptureKind) => (kind === 'audio' ? 'microphone' : 'camera');

export const deviceNotFound = (kind: CaptureKind, deviceId: string) =>
  new LoopbackError(TrtcErrorCode.DEVICE_NOT_FOUND, `no ${deviceName(kind)} with deviceId "${deviceId}" was found.`);

/**
 * Captures exactly the device `deviceId` of `kind` (for switchDevice()): an id that is not listed,
 * or a device that goes away before it delivers, is DEVICE_NOT_FOUND.
 */
export async function captureDevice(kind: CaptureKind, deviceId: string): Promise<MediaStreamTrack> {
  checkCaptureSupported();
  if (!(await isListed(kind, deviceId))) throw deviceNotFound(kind, deviceId);
  const request: CaptureRequest =
    kind === 'audio'
      ? { audio: true, video: false, microphoneId: deviceId, exact: true }
      : { audio: false, video: true, cameraId: deviceId, exact: true };
  try {
    const [track] = (await userMedia(request)).getTracks();
    return track;
  } catch (error) {
    const { name, message } = browserError(error);
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw deviceNotFound(kind, deviceId);
    throw new LoopbackError(TrtcErrorCode.INITIALIZE_FAILED, message, name);
  }
}

/** For the test hook: the device is gone for the loopback; the tracks it fed end as on a real unplug. */
export function unplugDevice(deviceId: string): void {
  unplugged.add(deviceId);
  for (const track of captured) {
    if (track.readyState !== 'live' || deviceIdOf(track) !== deviceId) continue;
    captured.delete(track);
    track.stop();
    // stop() from script fires nothing; a device that goes away does (Firefox delivers it to no
    // listener once the track is stopped: streams also check their tracks on 'devicechange').
    track.dispatchEvent(new Event('ended'));
  }
  navigator.mediaDevices?.dispatchEvent(new Event('devicechange'));
}

/** For the test hook: every unplugged device is back. */
export function replugDevices(): void {
  if (unplugged.size === 0) return;
  unplugged.clear();
  navigator.mediaDevices?.dispatchEvent(new Event('devicechange'));
}
