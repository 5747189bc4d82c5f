export default function Cart() {
  return <h1>Cart in a group</h1>;
}
