import { css } from 'lit';
import { indicatorStyles } from '../shared/indicators.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { tokens } from '../shared/tokens.js';

export const remoteStreamStyles = [
  sharedStyles,
  indicatorStyles,
  css`
    :host {
      display: block;
      position: relative;
      aspect-ratio: ${tokens.tileAspectRatio};
      min-width: 0;
      color: var(--trtc-tile-text-color, #f3f4f6);
      font: ${tokens.font};
    }

    .base {
      position: absolute;
      inset: 0;
      overflow: hidden;
      /* A mirrored (transformed) video paints past a plain overflow clip in Chromium. */
      contain: paint;
      border-radius: ${tokens.tileRadius};
      background: ${tokens.tileBackground};
      box-shadow: ${tokens.tileShadow};
    }

    :host([speaking]) .base {
      outline: 3px solid var(--trtc-speaking-outline-color, #22c55e);
      outline-offset: -3px;
    }

    .video,
    .video > * {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }

    .placeholder,
    .camera-off {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      padding: 1rem;
      text-align: center;
      color: ${tokens.tileMutedTextColor};
      background: ${tokens.tileBackground};
    }

    .placeholder[hidden],
    .camera-off[hidden] {
      display: none;
    }

    .name {
      position: absolute;
      left: 0.5rem;
      bottom: 0.5rem;
      max-width: calc(100% - 1rem);
      padding: 0.125rem 0.5rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      border-radius: 999px;
      font-size: 0.8125rem;
      color: #fff;
      background: rgb(0 0 0 / 0.6);
    }

    .play {
      position: absolute;
      inset: 50% auto auto 50%;
      translate: -50% -50%;
      padding: 0.75rem 1.5rem;
      border: 0;
      border-radius: 999px;
      font: inherit;
      font-weight: 600;
      color: ${tokens.accentTextColor};
      background: ${tokens.accent};
      cursor: pointer;
      box-shadow: 0 2px 8px rgb(0 0 0 / 0.4);
    }

    .play:hover {
      background: ${tokens.accentHover};
    }

    .play:focus-visible {
      outline: 3px solid ${tokens.focusRingColor};
      outline-offset: 3px;
    }
  `,
];
