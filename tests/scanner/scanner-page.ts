// The test page's script: the real renderer scanners, bundled for the browser.
import { attachKeyboardWedge, interpretScan, startCameraScanner } from '@qms/scanner/browser';

const scans: string[] = [];
const typed = document.createElement('input');
typed.id = 'search';
document.body.append(typed);
attachKeyboardWedge(window, (text) => scans.push(text));
Object.assign(window, { scans, startCameraScanner, interpretScan });
