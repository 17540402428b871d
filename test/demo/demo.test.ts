import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { requireWebRTC } from '../helpers/features.js';

interface PaneMeasure {
  id: string;
  top: number;
  frameBottom: number;
  frameHeight: number;
  pageHeight: number;
}

interface DemoCheck {
  viewerSawHost: number;
  hostSawViewer: number;
  buttonPressed: string | null;
  panes: PaneMeasure[];
  problems: string[];
  axeViolations: string[];
}

interface PhoneCheck {
  screenHeight: number;
  panes: PaneMeasure[];
  problems: string[];
  axeViolations: string[];
}

/** Each pane is as tall as the page it shows: no empty frame below, no scroll bar inside. */
function expectPanesFitTheirPages(panes: PaneMeasure[]): void {
  expect(panes.map((pane) => pane.id)).to.deep.equal(['host', 'viewer']);
  for (const pane of panes) {
    expect(pane.frameHeight, `the ${pane.id} pane next to its page`).to.be.closeTo(pane.pageHeight, 2);
  }
}

// Needs `npm run build` first: the demo loads the CDN build, as a page author's page would.
describe('the offline demo (npm start)', () => {
  before(function () {
    requireWebRTC(this);
  });

  it('shows the host to the viewer, and the viewer to the host once it asks and the host approves in its queue', async function () {
    this.timeout(90000);
    const result = await executeServerCommand<DemoCheck, undefined>('check-demo');
    expect(result.viewerSawHost, 'frames from the host in the viewer pane').to.be.at.least(3);
    expect(result.hostSawViewer, 'frames from the viewer in the host pane').to.be.at.least(3);
    expect(result.buttonPressed).to.equal('true');
    // With the viewer on stage both pages have grown: the panes grew with them.
    expectPanesFitTheirPages(result.panes);
    expect(result.problems, 'failed requests (a favicon, say) and console errors').to.deep.equal([]);
    expect(result.axeViolations, 'the demo with the viewer on stage').to.deep.equal([]);
  });

  it('on a phone, the viewer pane starts on the first screen, right below the host pane', async function () {
    this.timeout(90000);
    const result = await executeServerCommand<PhoneCheck, undefined>('check-demo-on-phone');
    expectPanesFitTheirPages(result.panes);
    const [host, viewer] = result.panes;
    expect(viewer!.top - host!.frameBottom, 'space between the host frame and the viewer pane').to.be.below(48);
    expect(viewer!.top, "where the viewer's pane starts").to.be.below(result.screenHeight);
    expect(result.problems).to.deep.equal([]);
    expect(result.axeViolations, 'the demo on a phone').to.deep.equal([]);
  });
});
