import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';

export const networkQualityStyles = [
  sharedStyles,
  css`
    :host {
      display: inline-block;
      --lit-color: var(--trtc-network-good-color, #16a34a);
    }

    :host([quality='poor']) {
      --lit-color: var(--trtc-network-poor-color, #d97706);
    }

    :host([quality='bad']),
    :host([quality='very-bad']),
    :host([quality='down']) {
      --lit-color: var(--trtc-network-bad-color, #dc2626);
    }

    .base {
      display: inline-flex;
      align-items: center;
      padding: 0.25rem;
    }

    .bars {
      display: inline-flex;
      align-items: flex-end;
      gap: 2px;
      height: var(--trtc-network-size, 1.25rem);
    }

    .bar {
      width: 0.25rem;
      height: 25%;
      border-radius: 1px;
      background: var(--trtc-network-off-color, #9ca3af);
    }

    .bar:nth-child(2) {
      height: 50%;
    }

    .bar:nth-child(3) {
      height: 75%;
    }

    .bar:nth-child(4) {
      height: 100%;
    }

    .bar.lit {
      background: var(--lit-color);
    }
  `,
];
