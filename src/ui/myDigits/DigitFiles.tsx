import { useState } from 'react';
import { errorMessage } from '../../ml/errors';
import type { MyDigit } from '../../ml/data/myDigits';
import { offerFile } from '../download';
import { useMlClient } from '../mlClientContext';

/** My digits down as MNIST's IDX files in a zip, and up again; the zip code loads on first use. */
export function DigitFiles({ digits, disabled }: { digits: readonly MyDigit[]; disabled: boolean }) {
  const client = useMlClient();
  const [refusal, setRefusal] = useState<string | null>(null);

  const download = async (): Promise<void> => {
    const { myDigitsZip, MY_DIGITS_ZIP } = await import('../../ml/data/myDigitsZip');
    offerFile(myDigitsZip(digits), MY_DIGITS_ZIP, 'application/zip');
  };

  const upload = async (file: File): Promise<void> => {
    const { readMyDigitsZip, zipSizeProblem } = await import('../../ml/data/myDigitsZip');
    // Refused by its size before a byte of it is read.
    const tooLarge = zipSizeProblem(file.size);
    if (tooLarge) throw new Error(tooLarge);
    const read = readMyDigitsZip(new Uint8Array(await file.arrayBuffer()));
    client.changeMyDigits({ kind: 'add', digits: read });
  };

  return (
    <>
      <button
        type="button"
        disabled={disabled || digits.length === 0}
        onClick={() => {
          setRefusal(null);
          download().catch((error: unknown) => setRefusal(`My digits could not be written: ${errorMessage(error)}.`));
        }}
      >
        Download my digits
      </button>
      <label className="upload">
        Upload my digits
        <input
          type="file"
          accept=".zip,application/zip"
          disabled={disabled}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            setRefusal(null);
            upload(file).catch((error: unknown) =>
              setRefusal(`${file.name.slice(0, 80)} was not added: ${errorMessage(error)}. My digits are unchanged.`),
            );
          }}
        />
      </label>
      {refusal && (
        <p role="alert" className="alert">
          {refusal}
        </p>
      )}
    </>
  );
}
