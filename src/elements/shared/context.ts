import { createContext } from '@lit/context';
import type { LiveRoomController } from '../../room/live-room-controller.js';

/**
 * What a child element needs from its room. The context carries the room's one controller
 * object itself (never replaced); children read state from `subscribe()`, not from the context.
 */
export type RoomController = Pick<
  LiveRoomController,
  | 'state'
  | 'subscribe'
  | 'listen'
  | 'startCoAnchor'
  | 'stopCoAnchor'
  | 'attachRemoteView'
  | 'attachLocalView'
  | 'resumePlayback'
  | 'approveCoAnchorRequest'
  | 'denyCoAnchorRequest'
  | 'removeCoAnchor'
  | 'startPreview'
  | 'stopPreview'
  | 'setMicrophoneEnabled'
  | 'setCameraEnabled'
  | 'selectDevice'
>;

export const roomControllerContext = createContext<RoomController>(Symbol('trtc-live-room-controller'));

/** The controller of a `<trtc-live-room>` (or anything shaped like one), if `element` is an upgraded room. */
export function controllerOfRoom(element: Element | null): RoomController | undefined {
  const candidate = (element as { controller?: Partial<RoomController> } | null)?.controller;
  return typeof candidate?.subscribe === 'function' && typeof candidate.attachRemoteView === 'function'
    ? (candidate as RoomController)
    : undefined;
}
