// PDF.js (as unpdf bundles it) calls ArrayBuffer.prototype.transferToFixedLength, which Node
// has only from version 21; on Node 20 every page with fonts or images fails to render
// without it. A copy does what PDF.js needs: it never reads the old buffer again.

declare global {
  interface ArrayBuffer {
    transferToFixedLength(newLength?: number): ArrayBuffer;
  }
}

if (typeof ArrayBuffer.prototype.transferToFixedLength !== 'function') {
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, newLength: number = this.byteLength): ArrayBuffer {
      const copy = new ArrayBuffer(newLength);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(newLength, this.byteLength)));
      return copy;
    },
  });
}

export {};
