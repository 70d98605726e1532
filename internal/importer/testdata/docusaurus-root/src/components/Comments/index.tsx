import React from 'react';
import Giscus from '@giscus/react';

export default function Comments(): JSX.Element {
  return (
    <div>
      <Giscus
        repo="doyul-example/doyul.dev"
        repoId="R_kgDOAAAAAA"
        category="Comments"
        categoryId="DIC_kwDOAAAAAA4CAAAA"
        mapping="pathname"
        theme="preferred_color_scheme"
      />
    </div>
  );
}
