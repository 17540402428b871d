import { css } from 'lit';
import { sharedStyles } from './shared.styles.js';
import { tokens } from './tokens.js';

/**
 * What the co-anchor button and the mic and camera toggles share: a native button above the
 * sentence that says why it cannot be used now, and the keyboard focus ring. Each element's own
 * sheet comes after this one and gives the button its colours.
 */
export const stageButtonStyles = [
  sharedStyles,
  css`
    :host {
      display: inline-block;
      font: ${tokens.font};
    }

    .base {
      display: inline-flex;
      flex-direction: column;
      align-items: center;
      gap: 0.375rem;
    }

    .button:focus-visible {
      outline: ${tokens.focusRingColor} solid 3px;
      outline-offset: 3px;
    }

    .hint {
      font-size: 0.8125rem;
      text-align: center;
      color: var(--trtc-hint-color, inherit);
    }
  `,
];
