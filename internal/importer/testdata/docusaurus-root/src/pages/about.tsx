import React from 'react';
import Layout from '@theme/Layout';
import styles from './about.module.scss';

export default function About(): JSX.Element {
  return (
    <Layout title="About">
      <main className={styles.main}>
        <h1>About</h1>
        <p>I write about Kubernetes.</p>
      </main>
    </Layout>
  );
}
