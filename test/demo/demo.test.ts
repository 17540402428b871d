import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { requireWebRTC } from '../helpers/features.js';

interface DemoCheck {
  viewerSawHost: number;
  hostSawViewer: number;
  buttonPressed: string | null;
}

// Needs `npm run build` first: the demo loads the CDN build, as a page author's page would.
describe('the offline demo (npm start)', () => {
  before(function () {
    requireWebRTC(this);
  });

  it('shows the host to the viewer, and the viewer to the host after one click', async function () {
    this.timeout(90000);
    const result = await executeServerCommand<DemoCheck, undefined>('check-demo');
    expect(result.viewerSawHost, 'frames from the host in the viewer pane').to.be.at.least(3);
    expect(result.hostSawViewer, 'frames from the viewer in the host pane').to.be.at.least(3);
    expect(result.buttonPressed).to.equal('true');
  });
});
