import { BrowserQRCodeReader, type IScannerControls } from '@zxing/browser';

export interface CameraScannerOptions {
  /** A camera's deviceId; the default camera when absent. */
  deviceId?: string;
  /** The same code read again within this time is not a new scan. */
  repeatAfterMs?: number;
}

/**
 * Reads QR codes from a camera into a <video> element with ZXing, in the renderer. Calls onScan
 * once per code (the same code held in front of the camera is not read again at once). Returns
 * the function that stops the camera.
 */
export async function startCameraScanner(video: HTMLVideoElement, onScan: (text: string) => void, options: CameraScannerOptions = {}): Promise<() => void> {
  const reader = new BrowserQRCodeReader();
  let last = { text: '', at: Number.NEGATIVE_INFINITY };
  const controls: IScannerControls = await reader.decodeFromVideoDevice(options.deviceId, video, (result) => {
    if (!result) return;
    const text = result.getText();
    const now = performance.now();
    if (text === last.text && now - last.at < (options.repeatAfterMs ?? 3_000)) return;
    last = { text, at: now };
    onScan(text);
  });
  return () => controls.stop();
}
