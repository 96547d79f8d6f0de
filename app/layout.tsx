import type { Metadata } from "next";
import Link from "next/link";
import "katex/dist/katex.min.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "GradPrep — vanishing & exploding gradients",
  description: "Study notes, flashcards and live computed exercises, scheduled with FSRS.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            GradPrep
          </Link>
          <nav>
            <Link href="/">Home</Link>
            <Link href="/review">Review</Link>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
