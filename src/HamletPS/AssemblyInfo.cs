// The cmdlet classes live in Commands/, one sealed class per file.
