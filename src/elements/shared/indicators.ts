import { css, svg } from 'lit';

/** A microphone struck through: the muted-mic badge of a tile. */
export const micMutedIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3Z" /><path d="M5 11a7 7 0 0 0 14 0M12 18v3M4 4l16 16" /></svg>`;

/** The tiles' muted-mic badge and speaking outline, shared by the remote and local tiles. */
export const indicatorStyles = css`
  .mic-muted {
    position: absolute;
    top: 0.5rem;
    right: 0.5rem;
    display: inline-flex;
    padding: 0.3rem;
    border-radius: 50%;
    color: #fff;
    background: var(--trtc-badge-background, #c9353f);
  }

  .mic-muted[hidden] {
    display: none;
  }

  .mic-muted svg {
    width: 1rem;
    height: 1rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
  }
`;
