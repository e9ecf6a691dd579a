module sameline

go 1.26
