// The root layout: header, providers, and the footer with the live server status.
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import { ServerHeartbeat } from "./components/ServerHeartbeat";
import "./globals.css";

export const metadata: Metadata = {
  title: "Eventloom",
  description: "Design, run and teach event-driven systems.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <header className="topbar">
            <Link href="/" className="brand">Eventloom</Link>
            <span className="tagline">design · run · replay event-driven systems</span>
          </header>
          <main>{children}</main>
          <footer className="footer">
            <ServerHeartbeat />
          </footer>
        </Providers>
      </body>
    </html>
  );
}
