import { css } from 'lit';
import { stageButtonStyles } from './stage-button.styles.js';

export const mediaToggleStyles = [
  ...stageButtonStyles,
  css`
    .button {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      min-height: 2.75rem;
      padding: 0.5rem 1rem;
      border: 1px solid var(--trtc-control-border-color, #d1d5db);
      border-radius: var(--trtc-button-radius, 999px);
      font: inherit;
      color: var(--trtc-control-text-color, #111827);
      background: var(--trtc-control-background, #fff);
      cursor: pointer;
    }

    .button:hover {
      background: var(--trtc-control-hover-background, #f3f4f6);
    }

    .button[aria-pressed='true'] {
      color: var(--trtc-muted-text-color, #fff);
      background: var(--trtc-muted-background, #c9353f);
      border-color: transparent;
    }

    .button[aria-disabled='true'] {
      color: var(--trtc-disabled-text-color, #4b5563);
      background: var(--trtc-disabled-background, #e5e7eb);
      cursor: not-allowed;
    }

    .icon {
      width: 1.25rem;
      height: 1.25rem;
      flex: none;
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linecap: round;
      stroke-linejoin: round;
    }

    .hint {
      max-width: 16rem;
    }
  `,
];
