import { css } from 'lit';
import { indicatorStyles } from '../shared/indicators.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { tileStyles } from '../shared/tile.styles.js';
import { tokens } from '../shared/tokens.js';

export const remoteStreamStyles = [
  sharedStyles,
  tileStyles,
  indicatorStyles,
  css`
    :host {
      color: var(--trtc-tile-text-color, #f3f4f6);
    }

    /*
     * Empty and asked to hide: nothing is painted and no room taken even when page CSS gives the
     * element a display of its own (which beats :host). The text "false" means off, as for every boolean.
     */
    :host([hide-when-empty]:not([hide-when-empty='false']):not([active])) {
      display: none;
      aspect-ratio: auto;
    }

    :host([hide-when-empty]:not([hide-when-empty='false']):not([active])) .base {
      visibility: hidden;
    }

    :host([speaking]) .base {
      outline: 3px solid var(--trtc-speaking-outline-color, #22c55e);
      outline-offset: -3px;
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
      outline: ${tokens.focusRingColor} solid 3px;
      outline-offset: 3px;
    }
  `,
];
