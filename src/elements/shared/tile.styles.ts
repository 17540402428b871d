import { css } from 'lit';
import { tokens } from './tokens.js';

/** The video tile both stream elements are: its box, the video filling it, what covers it, and the name on it. */
export const tileStyles = css`
  :host {
    display: block;
    position: relative;
    aspect-ratio: ${tokens.tileAspectRatio};
    min-width: 0;
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

  .video,
  .video > * {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }

  /* What covers the video: the remote tile's placeholder, and either tile's camera-off card. */
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
`;
