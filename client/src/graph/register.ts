import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

// Cytoscape extensions, registered once however many graphs the page (or a test) creates.

let registered = false;

export function registerExtensions(): typeof cytoscape {
  if (!registered) {
    cytoscape.use(fcose);
    registered = true;
  }
  return cytoscape;
}
