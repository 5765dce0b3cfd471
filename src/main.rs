fn main() {
    std::process::exit(cefrlint::cli::main());
}
