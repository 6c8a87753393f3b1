import { useEffect, useState } from 'react';
import { send } from '../transport';

/** Pictures already asked of the register, by id: a row scrolled back into view draws at once. */
const pictures = new Map<string, Promise<string | null>>();

function pictureOf(imageId: string): Promise<string | null> {
  let picture = pictures.get(imageId);
  if (picture === undefined) {
    picture = send('catalog-product-image', { imageId }).then((r) => (r.ok ? `data:${r.value.mimeType};base64,${r.value.base64}` : null));
    pictures.set(imageId, picture);
  }
  return picture;
}

/**
 * A product's picture, from the register (never the internet); nothing at
 * all for a product without one, or until it has arrived. Decorative: the
 * row's name says what it is.
 */
export function ProductPicture({ imageId }: { readonly imageId: string | null }) {
  const [src, setSrc] = useState<{ readonly id: string; readonly url: string } | null>(null);
  useEffect(() => {
    if (imageId === null) return;
    let live = true;
    void pictureOf(imageId).then((url) => {
      if (live && url !== null) setSrc({ id: imageId, url });
    });
    return () => {
      live = false;
    };
  }, [imageId]);
  if (imageId === null || src === null || src.id !== imageId) return null;
  return <img className="product-picture" src={src.url} alt="" width={40} height={40} data-testid="product-image" />;
}
