import { ErrorPage } from "@/components/ErrorPage.tsx";

export default ErrorPage;
