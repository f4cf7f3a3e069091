import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

/**
 * A Y4M video (what Chromium's fake camera plays) showing a QR code on white: how the camera
 * scanner is tested without a camera.
 */
export function writeQrVideo(file: string, text: string, width = 640, height = 480, frames = 10): void {
  // Byte mode, as the CCCD's code is (UTF-8). The library's default mixes numeric and byte
  // segments, which ZXing's decoder here fails to read back.
  const qr = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const cell = Math.floor((Math.min(width, height) * 0.8) / (modules + 8));
  const size = (modules + 8) * cell;
  const left = Math.floor((width - size) / 2);
  const top = Math.floor((height - size) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let row = 0; row < modules; row++) {
    for (let col = 0; col < modules; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let dy = 0; dy < cell; dy++) {
        const y = top + (row + 4) * cell + dy;
        luma.fill(16, y * width + left + (col + 4) * cell, y * width + left + (col + 5) * cell);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]));
}
