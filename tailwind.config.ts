/**
 * Tailwind 4 reads its theme from CSS (src/web/styles.css, loaded with @config); this file
 * names the sources and the dark-mode strategy so editors and tools find one config.
 */
import type { Config } from 'tailwindcss'

export default {
  content: ['./index.html', './src/web/**/*.{ts,tsx}'],
  darkMode: 'media',
} satisfies Config
