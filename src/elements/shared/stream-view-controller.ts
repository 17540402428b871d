import type { ReactiveController } from 'lit';
import type { RoomController } from './context.js';
import { RoomLink, type RoomLinkHost, type RoomStateSelector } from './room-link.js';

/** What the room needs of any view: where the element is, the box to play into, and whom to tell. */
interface View<Shown> {
  readonly host: Element;
  readonly container: HTMLDivElement;
  show(shown: Shown): void;
}

/** What a view asks the room for: the host's settings, without the plumbing. */
export type ViewSettings<V> = Omit<V, 'host' | 'container' | 'show'>;

export interface StreamViewOptions<V extends View<Shown>, Shown> {
  /** The settings the host asks for now, read from its properties. */
  settings(): ViewSettings<V>;
  /** Registers `view` with the room; returns what detaches it. */
  attach(controller: RoomController, view: V): () => void;
  /** What is shown while no view is attached (`null`, `false`). */
  none: Shown;
  /** Told whenever what is shown changes, before the host re-renders (to reflect attributes). */
  onShow(shown: Shown): void;
  /** The part of the room's state the host renders besides what is shown (see RoomLink); default: all of it. */
  select?: RoomStateSelector;
}

/**
 * The view plumbing of a stream element: finds the host's room (through its RoomLink), attaches a
 * view of the host's `.video` box to it, and attaches a new one whenever the room or the host's
 * settings change; detaches on disconnect. What the room shows in the view is `shown`.
 */
export class StreamViewController<V extends View<Shown>, Shown> implements ReactiveController {
  readonly room: RoomLink;
  readonly #host: RoomLinkHost;
  readonly #options: StreamViewOptions<V, Shown>;
  #view: V | undefined;
  #attachedTo: RoomController | undefined;
  #detach: (() => void) | undefined;
  #shown: Shown;

  constructor(host: RoomLinkHost, options: StreamViewOptions<V, Shown>) {
    this.#host = host;
    this.#options = options;
    this.#shown = options.none;
    this.room = new RoomLink(host, () => this.#sync(), options.select);
    host.addController(this);
  }

  /** What the room shows in the view now (`none` while nothing). */
  get shown(): Shown {
    return this.#shown;
  }

  hostUpdated(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#sync();
  }

  #sync(): void {
    const controller = this.room.controller;
    // The box the SDK plays into: rendered once and never replaced (none before the first render).
    const container = this.#host.shadowRoot?.querySelector<HTMLDivElement>('.video');
    const settings = controller && container && this.#host.isConnected ? this.#options.settings() : undefined;
    if (settings && this.#view && this.#attachedTo === controller && sameSettings(this.#view, settings)) return;
    this.#detach?.();
    this.#detach = undefined;
    this.#view = undefined;
    this.#attachedTo = undefined;
    this.#show(this.#options.none);
    if (!settings || !controller || !container) return;
    const view = {
      ...settings,
      host: this.#host,
      container,
      show: (shown: Shown) => {
        if (this.#view === view) this.#show(shown);
      },
    } as unknown as V;
    this.#view = view;
    this.#attachedTo = controller;
    this.#detach = this.#options.attach(controller, view);
  }

  #show(shown: Shown): void {
    if (shown === this.#shown) return;
    this.#shown = shown;
    this.#options.onShow(shown);
    this.#host.requestUpdate();
  }
}

function sameSettings<V>(view: V, settings: ViewSettings<V>): boolean {
  return Object.entries(settings).every(([key, value]) => view[key as keyof V] === value);
}
