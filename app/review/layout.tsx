import { NoticeProvider } from "./notice";

export default function ReviewLayout({ children }: { children: React.ReactNode }) {
  return <NoticeProvider>{children}</NoticeProvider>;
}
