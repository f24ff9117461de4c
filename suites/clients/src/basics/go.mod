module mimic/clients/basics

go 1.19
