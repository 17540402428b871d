import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { composedParent } from '../../i18n/locale.js';
import type { LiveRoomState } from '../../room/types.js';
import { controllerOfRoom, roomControllerContext, type RoomController } from './context.js';
import { idScopeOf, watchIds, type IdScope } from './id-watch.js';

/** An element that belongs to a room: the nearest ancestor room, or the one its `room` attribute names. */
export type RoomLinkHost = ReactiveControllerHost & HTMLElement & { room: string | null };

/**
 * The part of the room's state a host renders: it re-renders when that changes (an array is
 * compared item by item), and only then. `null`: none (the room tells it what it shows some other
 * way, as views are told through `show()`), so the room's size costs it nothing per change.
 */
export type RoomStateSelector = ((state: LiveRoomState) => unknown) | null;

/** Whether two selections are the same: the same value, or arrays of the same items. */
function sameSelection(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => Object.is(item, b[index]));
}

function isUndefinedCustomElement(element: Element): boolean {
  return element.localName.includes('-') && !customElements.get(element.localName);
}

/**
 * Finds a child element's room controller and keeps it current.
 *
 * With `room="ID"` it looks the room up by id in the host's root (the document, or the shadow root
 * of the app it is in) and keeps watching (the room may be inserted, renamed or upgraded later); otherwise it asks its ancestors through `@lit/context`,
 * asking again once an ancestor that was not yet defined gets upgraded. While linked, the host
 * re-renders when the part of the room's state it selects changes (by default, on every change).
 */
export class RoomLink implements ReactiveController {
  readonly #host: RoomLinkHost;
  readonly #onControllerChange: (controller: RoomController | undefined) => void;
  readonly #select: RoomStateSelector;
  /** What `#select` gave for the state last rendered. */
  #selected: unknown;
  readonly #consumer: ContextConsumer<typeof roomControllerContext, RoomLinkHost>;
  #fromContext: RoomController | undefined;
  #fromId: RoomController | undefined;
  #controller: RoomController | undefined;
  #unsubscribe: (() => void) | undefined;
  /** Where `room` is looked up while connected, and what stops watching it. */
  #scope: IdScope | undefined;
  #stopWatching: (() => void) | undefined;
  /** Bumped on every connect and disconnect, so late `whenDefined` callbacks of an old connection do nothing. */
  #connection = 0;
  #connected = false;
  /** The host's `room` as last seen; a change is followed before the next render. */
  #namedRoom: string | null = null;

  constructor(
    host: RoomLinkHost,
    onControllerChange: (controller: RoomController | undefined) => void = () => {},
    select: RoomStateSelector = (state) => state,
  ) {
    this.#host = host;
    this.#onControllerChange = onControllerChange;
    this.#select = select;
    // Added before this link, so its request is answered before hostConnected() below looks for ancestors.
    this.#consumer = new ContextConsumer(host, {
      context: roomControllerContext,
      subscribe: true,
      callback: (controller) => {
        this.#fromContext = controller;
        this.#resolve();
      },
    });
    host.addController(this);
  }

  get controller(): RoomController | undefined {
    return this.#controller;
  }

  get state(): LiveRoomState | undefined {
    return this.#controller?.state;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#namedRoom = this.#host.room;
    this.#connection += 1;
    this.#watchNamedRoom();
    this.#askAgainWhenAncestorsUpgrade();
    this.#resolve();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#connection += 1;
    this.#stopWatchingNamedRoom();
    this.#fromContext = undefined;
    this.#fromId = undefined;
    this.#resolve();
  }

  /** Before each render: follows a change of the host's `room`. */
  hostUpdate(): void {
    if (this.#host.room === this.#namedRoom) return;
    this.#namedRoom = this.#host.room;
    if (!this.#connected) return;
    this.#watchNamedRoom();
    this.#resolve();
  }

  #watchNamedRoom(): void {
    this.#stopWatchingNamedRoom();
    this.#fromId = undefined;
    this.#scope = this.#host.room ? idScopeOf(this.#host) : undefined;
    if (!this.#scope) return;
    // Any insertion, removal or id change in the scope may create or remove the named room.
    this.#stopWatching = watchIds(this.#scope, () => this.#findNamedRoom());
    this.#findNamedRoom();
  }

  #stopWatchingNamedRoom(): void {
    this.#stopWatching?.();
    this.#stopWatching = undefined;
    this.#scope = undefined;
  }

  #findNamedRoom(): void {
    const id = this.#host.room;
    if (!id || !this.#connected || !this.#scope) return;
    const element = this.#scope.getElementById(id);
    const controller = controllerOfRoom(element);
    if (element && !controller && isUndefinedCustomElement(element)) {
      const connection = this.#connection;
      void customElements.whenDefined(element.localName).then(() => {
        if (connection === this.#connection) this.#findNamedRoom();
      });
    }
    if (controller === this.#fromId) return;
    this.#fromId = controller;
    this.#resolve();
  }

  /**
   * A room that is not defined yet cannot answer the context request; ask again once each
   * undefined ancestor is upgraded (whichever of them turns out to be the room).
   */
  #askAgainWhenAncestorsUpgrade(): void {
    if (this.#host.room || this.#fromContext) return;
    const connection = this.#connection;
    for (let node = composedParent(this.#host); node; node = composedParent(node)) {
      if (!isUndefinedCustomElement(node)) continue;
      void customElements.whenDefined(node.localName).then(() => {
        if (connection !== this.#connection || this.#fromContext) return;
        this.#consumer.hostDisconnected();
        this.#consumer.hostConnected();
      });
    }
  }

  #resolve(): void {
    const next = this.#connected ? (this.#host.room ? this.#fromId : this.#fromContext) : undefined;
    if (next === this.#controller) return;
    this.#unsubscribe?.();
    const select = this.#select;
    this.#selected = next && select ? select(next.state) : undefined;
    this.#unsubscribe =
      next && select
        ? next.subscribe((state) => {
            const selected = select(state);
            if (sameSelection(selected, this.#selected)) return;
            this.#selected = selected;
            this.#host.requestUpdate();
          })
        : undefined;
    this.#controller = next;
    this.#onControllerChange(next);
    this.#host.requestUpdate();
  }
}
