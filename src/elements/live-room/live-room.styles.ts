import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';
import { tokens } from '../shared/tokens.js';

export const liveRoomStyles = [
  sharedStyles,
  css`
    :host {
      display: block;
      color: var(--trtc-text-color, inherit);
      font: ${tokens.font};
    }

    .base {
      display: flex;
      flex-direction: column;
      gap: ${tokens.gap};
      padding: var(--trtc-room-padding, 0);
      background: var(--trtc-room-background, transparent);
      border-radius: var(--trtc-room-radius, 0);
    }

    .status {
      align-self: center;
      max-width: 100%;
      padding: 0.5rem 1rem;
      border-radius: 999px;
      text-align: center;
      color: var(--trtc-status-color, #f9fafb);
      background: var(--trtc-status-background, #1f2937);
    }

    .status.error {
      border-radius: 8px;
      color: var(--trtc-status-error-color, #7f1d1d);
      background: var(--trtc-status-error-background, #fee2e2);
      box-shadow: inset 0 0 0 1px var(--trtc-status-error-border-color, #fca5a5);
    }

    .retry {
      margin-inline-start: 0.75rem;
      padding: 0.25rem 0.875rem;
      border: 1px solid currentColor;
      border-radius: 999px;
      font: inherit;
      color: inherit;
      background: transparent;
      cursor: pointer;
    }

    .retry:focus-visible {
      outline: ${tokens.focusRingColor} solid 3px;
      outline-offset: 2px;
    }

    /* Your own children are the base's own rows unless the room lays them out in its grid. */
    .own-layout:not(.grid) {
      display: contents;
    }

    .own-layout.grid ::slotted(trtc-co-anchor-button) {
      grid-column: 1 / -1;
      justify-self: center;
    }

    .layout {
      display: flex;
      flex-direction: column;
      gap: ${tokens.gap};
    }

    .grid {
      display: grid;
      gap: ${tokens.gap};
      grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--trtc-tile-min-width, 280px)), 1fr));
      width: 100%;
    }

    /* One tile alone would fill a wide screen edge to edge and push the button out of view. */
    .grid.single {
      max-width: min(var(--trtc-single-tile-max-width, 960px), calc((100dvh - 10rem) * 16 / 9));
      margin-inline: auto;
    }

    .empty-tile {
      display: grid;
      place-items: center;
      aspect-ratio: ${tokens.tileAspectRatio};
      padding: 1rem;
      border-radius: ${tokens.tileRadius};
      text-align: center;
      color: ${tokens.tileMutedTextColor};
      background: ${tokens.tileBackground};
      box-shadow: ${tokens.tileShadow};
    }

    .controls {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
      row-gap: 0.5rem;
      column-gap: ${tokens.gap};
      width: min(100%, 44rem);
      margin-inline: auto;
    }

    /* On a narrow screen the toggles show their icons only (their labels stay for screen readers). */
    @media (max-width: 480px) {
      .toolbar trtc-mic-toggle::part(label),
      .toolbar trtc-camera-toggle::part(label) {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }

      .toolbar trtc-mic-toggle::part(button),
      .toolbar trtc-camera-toggle::part(button) {
        padding-inline: 0.75rem;
      }
    }

    /* On a phone the tiles stack taller than the screen; the button stays within reach. */
    .toolbar {
      position: sticky;
      bottom: ${tokens.gap};
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: center;
      gap: 0.5rem;
    }
  `,
];
